/**
 * The `kubedojo` command line. Each subcommand's module is imported only when it runs, so
 * `kubedojo --help` stays fast.
 */
import { Command, InvalidArgumentError } from 'commander';

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number (0-65535)');
  return n;
}

export function buildProgram(): Command {
  const program = new Command('kubedojo')
    .description('Learn zero-downtime deployments on Kubernetes by doing.')
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('sandbox')
    .description('run the built-in sandbox cluster alone and print the KUBECONFIG line for your own terminal')
    .option('--speed <factor>', 'divide every simulated delay by this factor', positiveNumber, 1)
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, 0)
    .option('--kubeconfig <path>', 'where to write the sandbox kubeconfig')
    .action(async (options: { speed: number; port: number; kubeconfig?: string }) => {
      const { runSandboxCommand } = await import('./commands/sandbox.js');
      await runSandboxCommand(options);
    });

  program
    .command('lint')
    .description('check lesson files and report problems as file:line: message')
    .argument('[dir]', 'the lessons folder', 'lessons')
    .action(async (dir: string) => {
      const { runLintCommand } = await import('./commands/lint.js');
      process.exitCode = await runLintCommand(dir);
    });

  return program;
}

await buildProgram().parseAsync(process.argv);
