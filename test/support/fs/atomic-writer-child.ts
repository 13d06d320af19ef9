// Child process of atomic-write-crash.test.ts: rewrites one file with writeFileAtomic, over and over,
// alternating two whole contents, and says on stdout when each write starts. `pause` mode stops
// for good between the durable temp file and the rename, so the parent can kill it exactly there.
import { writeFileAtomic } from '../../../node-shared/atomic-write';

const [file, mode, sizeText] = process.argv.slice(2);
const size = Number(sizeText);
const contents = [Buffer.alloc(size, 'A'), Buffer.alloc(size, 'B')];

async function main(): Promise<void> {
  for (let i = 0; ; i++) {
    process.stdout.write(`write ${i}\n`);
    await writeFileAtomic(file, contents[i % 2], {
      beforeRename:
        mode === 'pause' && i > 0
          ? () => new Promise<void>(() => process.stdout.write('paused\n'))
          : undefined,
    });
  }
}
void main();
