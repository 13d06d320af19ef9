// Public surface of the connection service.
export { createConnectionService } from './connection-service';
export { connectionsFromCaptures } from './captures';
export { joinWindows, WINDOWS_COMMANDS } from './windows';
