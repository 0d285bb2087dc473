// `jobtrend unblock HOST…`: ends the wait of hosts the scrapers are leaving alone after a verification page
// or a login wall (`jobtrend status` lists them), for an operator who knows the cause is gone. It does not
// get around anything: the next request is an ordinary one, and a host that blocks again is left alone
// twice as long as before, because its count of blocks in a row is kept.
import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { UsageError, UserError } from '../errors.js';
import { type HostBlock, liftHostBlock, listHostBlocks } from '../store/host-block-store.js';
import { withExamples } from './help.js';

export function define(context: CliContext): Command {
  const command = new Command('unblock')
    .description('ask hosts backed off after a verification page or login wall again at the next run')
    .argument('[hosts...]', 'hosts as `jobtrend status` lists them (a URL will do)')
    .option('--all', 'every host backed off')
    .action((hosts: string[], options: { all?: boolean }) => {
      if (hosts.length === 0 && !options.all) {
        throw new UsageError('name the hosts to ask again (`jobtrend status` lists them), or pass --all');
      }
      const db = context.openDb({ mustExist: true });
      try {
        const now = new Date();
        const inForce = listHostBlocks(db, now);
        const wanted = options.all ? inForce.map((b) => b.host) : hosts.map(hostOf);
        const unknown = wanted.filter((host) => !inForce.some((b) => b.host === host));
        if (unknown.length > 0) {
          const listed = inForce.map((b) => b.host).join(', ') || 'none';
          throw new UserError(
            `no host backed off is called ${unknown.join(', ')} (backed off now: ${listed})`,
          );
        }
        const lifted = wanted.map((host) => liftHostBlock(db, host, now)).filter((b) => b !== undefined);
        context.out.write(
          lifted.length > 0
            ? `${lifted.map(sayLifted).join('\n')}\n`
            : 'no host is backed off: nothing to do\n',
        );
      } finally {
        db.close();
      }
    });
  return withExamples(command, 'jobtrend unblock www.zhipin.com', 'jobtrend unblock --all');
}

/** A host as stored (with its port, when it has one) from a host or a URL. */
function hostOf(input: string): string {
  const text = input.trim().toLowerCase();
  try {
    return new URL(text.includes('://') ? text : `http://${text}`).host;
  } catch {
    throw new UsageError(
      `"${input}" is not a host: pass it as \`jobtrend status\` lists it, e.g. www.zhipin.com`,
    );
  }
}

function sayLifted(block: HostBlock): string {
  const times = block.strikes === 1 ? 'once' : `${block.strikes} times in a row`;
  return `${block.host}: asked again from the next run (it was left alone until ${block.until}, after blocking ${times}: ${block.reason}); another block waits twice as long`;
}
