// The bundled signature lists, loaded through their zod schemas as the app loads them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadBundledSignatures } from '../../../shared/licensing/signatures';

const asset = (name: string): unknown =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../../assets/signatures/${name}`, import.meta.url)), 'utf8'),
  );

/** assets/signatures/crack-tools.json + activation-hosts.json, validated. */
export const bundled = () => loadBundledSignatures(asset('crack-tools.json'), asset('activation-hosts.json'));
