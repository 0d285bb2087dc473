// The list of commands. A command is one file in this folder exporting `define`, plus one line here.
import type { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { define as check } from './check.js';
import { define as claim } from './claim.js';
import { define as completion } from './completion.js';
import { define as demo } from './demo.js';
import { define as exportCommand } from './export.js';
import { define as growth } from './growth.js';
import { define as health } from './health.js';
import { define as importCommand } from './import.js';
import { define as init } from './init.js';
import { define as parse } from './parse.js';
import { define as query } from './query.js';
import { define as reindex } from './reindex.js';
import { define as report } from './report.js';
import { define as run } from './run.js';
import { define as schedule } from './schedule.js';
import { define as scrape } from './scrape.js';
import { define as skills } from './skills.js';
import { define as sources } from './sources.js';
import { define as status } from './status.js';
import { define as unblock } from './unblock.js';

export type DefineCommand = (context: CliContext) => Command;

export const commands: DefineCommand[] = [
  init,
  status,
  check,
  health,
  unblock,
  query,
  sources,
  scrape,
  parse,
  schedule,
  run,
  importCommand,
  exportCommand,
  demo,
  report,
  growth,
  skills,
  claim,
  reindex,
  completion,
];
