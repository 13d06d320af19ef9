// Public surface of the licensing service (cracked-software and activation signs).
export {
  collectLicensing,
  findSignaturePaths,
  nodeFs,
  type LicensingDeps,
  type LicensingFs,
  type LicensingResult,
} from './collect';
export { licensingFromCaptures, type LicensingCaptureFiles, type LicensingCaptureOptions } from './captures';
export { licensingSignatures } from './bundled';
export { licensingCommands, OSPP_CANDIDATES, UNINSTALL_KEYS } from './commands';
