import { runLinkKeysCli } from './cli/link-keys';
import { runCli } from './cli/run-cli';

runCli((io) => runLinkKeysCli(process.argv.slice(2), { env: process.env, ...io }));
