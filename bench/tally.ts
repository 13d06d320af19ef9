// `npm run bench:tally`: the tally benchmarks alone (`-- startup`, `-- submissions`, `-- pg` or `-- report` for one part).
import './tally.bench';
