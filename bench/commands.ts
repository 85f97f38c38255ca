/** Former entry of the command benchmark (`npm run bench:commands`): runs bench/run.ts. */
import './run';
