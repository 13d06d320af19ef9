// Public surface of the connection service.
export {
  createConnectionService,
  type ConnectionService,
  type ConnectionServiceDeps,
} from './connection-service';
export { connectionsFromCaptures, type ConnectionCaptures } from './captures';
export { joinWindows, WINDOWS_COMMANDS } from './windows';
export { SS_COMMAND } from './linux';
