import { benchEngineAgainstRef } from './bench/engineAgainstRef';
const r = await benchEngineAgainstRef({ ref: process.argv[2], sizes: [10_000, 100_000, 1_000_000], runs: 7 });
console.log(JSON.stringify(r));
