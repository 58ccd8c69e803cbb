// CLI: npm run validate -- FILE_OR_FOLDER… — every file in one process (validate-files.ts); exit 1 if anything was rejected.
import { main } from './validate-files';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
