// `npm run bench:tally`: the tally benchmarks alone (`-- submissions` or `-- report` for one part).
import './tally.bench';
