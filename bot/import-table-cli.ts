import { runImportTableCli } from './cli/import-table';
import { runCli } from './cli/run-cli';

runCli((io) => runImportTableCli(process.argv.slice(2), { env: process.env, ...io }));
