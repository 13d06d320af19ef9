// Public surface of the licensing service (cracked-software and activation signs).
export { collectLicensing, type LicensingFs } from './collect';
export { licensingFromCaptures } from './captures';
export { licensingCommands } from './commands';
