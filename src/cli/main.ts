/**
 * The `kubedojo` command line. Each subcommand's module is imported only when it runs, so
 * `kubedojo --help` stays fast. Flags follow kubectl's habits (`--context NAME`, `--allow-remote`
 * like kubectl's explicit opt-ins, `-o json`, `--timeout 90s`); each command validates its flags
 * before it draws or connects, and a bad flag is one line on stderr and exit code 1.
 */
import { packageVersion } from './version.js';
import { Command, InvalidArgumentError } from 'commander';
import { UsageError } from './usage-error.js';
import { parseGoDuration } from './go-duration.js';

// Ink 8 and client-node 2 need Node 22; say so plainly instead of failing somewhere deep inside.
// `lint` only reads files, and authors run it in CI jobs of any age: it is let through.
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
if (NODE_MAJOR < 22 && process.argv[2] !== 'lint') {
  process.stderr.write(`kubedojo needs Node.js 22 or newer; this is Node.js ${process.versions.node}. Install a current LTS from https://nodejs.org and run it again.\n`);
  process.exit(1);
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function goDuration(value: string): number {
  const ms = parseGoDuration(value);
  if (ms === undefined) throw new InvalidArgumentError('expected a duration such as 1h, 30m or 90s');
  return ms;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number (0-65535)');
  return n;
}

/** Runs a command; its UsageError is one line on stderr and exit code 1. */
async function run(name: string, action: () => Promise<number | void>): Promise<void> {
  try {
    const code = await action();
    if (code !== undefined) process.exitCode = code;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${name}: ${error.message}\n`);
    process.exitCode = 1;
  }
}

/** Commander's parse errors on one line: `kubedojo list: unknown option '--x' (see kubedojo list --help)`. */
function oneLineErrors(command: Command, name: string): Command {
  return command.configureOutput({
    outputError: (text, write) => write(`${name}: ${text.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()} (see ${name} --help)\n`),
  });
}

function subcommand(program: Command, name: string): Command {
  return oneLineErrors(program.command(name), `kubedojo ${name}`);
}

const contextOption = ['--context <name>', 'the kubeconfig context to practise on (default: the current one if it looks local, else the sandbox)'] as const;
const allowRemoteOption = ['--allow-remote', 'allow a --context that does not look local (kubedojo only changes its own namespace there)'] as const;
const kubeconfigOption = ['--kubeconfig <file>', 'read this kubeconfig (a workshop kubeconfig from your instructor, for one) instead of KUBECONFIG / ~/.kube/config'] as const;
const freshOption = ['--fresh', 'start the sandbox empty, discarding the one saved when kubedojo last quit'] as const;
const lessonsOption = ['--lessons <dir>', 'the course folder, for workshop authors (default: the lessons shipped with kubedojo)'] as const;

/** The flags of every command that picks a cluster the way the app does. */
function clusterOptions(command: Command): Command {
  return command
    .option(...contextOption)
    .option(...allowRemoteOption)
    .option('--sandbox', 'use the built-in sandbox cluster even when a local cluster is reachable')
    .option('--speed <factor>', 'sandbox pace: divide every simulated delay by this factor', positiveNumber)
    .option(...lessonsOption);
}

const EXAMPLES = `
Examples:
  kubedojo                        open the tutorial on a local cluster, or on the built-in sandbox
  kubedojo --sandbox --speed 5    the sandbox, with every delay five times shorter
  kubedojo start 3                open lesson 3 (building the state it starts from if needed)
  eval "$(kubedojo env)"          point a second terminal's kubectl at the running app's cluster
  kubedojo check                  is the current step done? (exit code 0 / 1)

The tutorial works in the namespace "kubedojo" only, and never on a context that does not look
local unless you name it: --context NAME --allow-remote.`;

export function buildProgram(): Command {
  const program = oneLineErrors(new Command('kubedojo'), 'kubedojo')
    .description('Learn zero-downtime deployments on Kubernetes by doing.')
    .usage('[flags] [command]')
    .version(packageVersion(), '-V, --version', 'print the version of kubedojo')
    // Root flags only before a subcommand, so `kubedojo check --sandbox` is check's own flag.
    .enablePositionalOptions()
    .allowExcessArguments(true)
    .addHelpText('after', EXAMPLES);
  clusterOptions(program).option(...freshOption).option(...kubeconfigOption).action(async (options: Record<string, unknown>) => {
    if (program.args.length > 0) program.error(`unknown command '${program.args[0]}'`);
    await run('kubedojo', async () => {
      const { runAppCommand } = await import('./commands/app.js');
      await runAppCommand(options);
    });
  });

  clusterOptions(
    subcommand(program, 'start')
      .description('open the tutorial at a lesson (by number or id), building the state it starts from if needed')
      .argument('<lesson>', 'lesson number (1, 2, …) or id (first-deployment)'),
  )
    .option(...freshOption)
    .option(...kubeconfigOption)
    .action(async (lesson: string, options: Record<string, unknown>) => {
    await run('kubedojo start', async () => {
      const { runAppCommand } = await import('./commands/app.js');
      await runAppCommand(options, lesson);
    });
  });

  subcommand(program, 'list')
    .description('list the lessons: done or open, steps done, and where you are')
    .option('-o, --output <format>', 'table or json', 'table')
    .option(...lessonsOption)
    .action(async (options: { output?: string; lessons?: string }) => {
      await run('kubedojo list', async () => (await import('./commands/list.js')).runListCommand(options));
    });

  subcommand(program, 'summary')
    .description('what you did in the course: lessons, time, and the rollouts the downtime meter watched')
    .option('-o, --output <format>', 'text or json', 'text')
    .option(...lessonsOption)
    .action(async (options: { output?: string; lessons?: string }) => {
      await run('kubedojo summary', async () => (await import('./commands/summary.js')).runSummaryCommand(options));
    });

  clusterOptions(subcommand(program, 'check').description("check the current step once against the cluster (the running app's, if any); exit 0 passed, 1 not yet")).action(
    async (options: Record<string, unknown>) => {
      await run('kubedojo check', async () => (await import('./commands/check.js')).runCheckCommand(options));
    },
  );

  subcommand(program, 'doctor')
    .description('check kubectl, minikube and your cluster, and say how to fix what is missing; exit 1 on a failure')
    .option(...contextOption)
    .option(...allowRemoteOption)
    .action(async (options: { context?: string; allowRemote?: boolean }) => {
      await run('kubedojo doctor', async () => (await import('./commands/doctor.js')).runDoctorCommand(options));
    });

  clusterOptions(
    subcommand(program, 'reset')
      .description("bring a lesson back to its start state and clear its progress (default: the current lesson); asks first")
      .argument('[lesson]', 'lesson number or id')
      .option('-y, --yes', 'do not ask for confirmation'),
  ).action(async (lesson: string | undefined, options: Record<string, unknown>) => {
    await run('kubedojo reset', async () => (await import('./commands/reset.js')).runResetCommand(options, lesson));
  });

  subcommand(program, 'env')
    .description(`print the line that points a second terminal's kubectl at the running app's cluster: eval "$(kubedojo env)"`)
    .option('--shell <shell>', 'sh (bash, zsh), fish or powershell')
    .action(async (options: { shell?: string }) => {
      await run('kubedojo env', async () => (await import('./commands/env.js')).runEnvCommand(options));
    });

  subcommand(program, 'rehearse')
    .description("run every lesson's solutions and checks end to end, on the sandbox unless --context; exit 1 on a failure")
    .option(...lessonsOption)
    .option('--context <name>', 'rehearse on this kubeconfig context instead of the sandbox')
    .option(...allowRemoteOption)
    .option('--speed <factor>', 'sandbox pace: divide every simulated delay by this factor (default 1)', positiveNumber)
    .option('--only <lessons>', 'rehearse only these lessons (ids, comma-separated)')
    .option('--timeout <duration>', 'how long one step may take to pass, e.g. 90s or 3m', '180s')
    .action(async (options: Record<string, unknown>) => {
      await run('kubedojo rehearse', async () => (await import('./commands/rehearse.js')).runRehearseCommand(options));
    });

  subcommand(program, 'sandbox')
    .description('run the built-in sandbox cluster alone and print the KUBECONFIG line for your own terminal')
    .option('--speed <factor>', 'divide every simulated delay by this factor', positiveNumber, 1)
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, 0)
    .option('--kubeconfig <path>', 'where to write the sandbox kubeconfig')
    .option('--event-ttl <duration>', "how long an Event lives after its last change, as kube-apiserver's --event-ttl", goDuration, 3_600_000)
    .option('--workshop', "serve a workshop room: then `kubedojo workshop create` and `kubedojo board` with this KUBECONFIG")
    .option('--address <addr>', 'with --workshop: the address of this machine the room reaches (default 127.0.0.1)')
    .action(async (options: { speed: number; port: number; kubeconfig?: string; eventTtl: number; workshop?: boolean; address?: string }) => {
      const { runSandboxCommand } = await import('./commands/sandbox.js');
      await run('kubedojo sandbox', () => runSandboxCommand(options));
    });

  subcommand(program, 'meter')
    .description('the downtime meter in a second terminal: steady requests to a Service, charted live; Ctrl+C stops it with a summary')
    .argument('<service>', 'the Service to send requests to')
    .option('-n, --namespace <name>', 'the Service\'s namespace', 'kubedojo')
    .option('--rate <n>', 'requests per second (default 20)', positiveNumber)
    .option('--path <path>', 'the URL path to request', '/')
    .option('--marker <regex>', "tells which version answered: a regular expression on the body (group 1, else the whole match); default nginx's Server header")
    .option('--json', 'print one JSON line per request instead of the chart')
    .option(...contextOption)
    .option(...allowRemoteOption)
    .action(async (service: string, options: Record<string, unknown>) => {
      await run('kubedojo meter', async () => (await import('./commands/meter.js')).runMeterCommand(service, options));
    });

  subcommand(program, 'timeline')
    .description("the last rollout's timeline (kept by the meter): as text, or as an SVG picture with --svg FILE")
    .option('--svg <file>', 'write it as an SVG picture to this file')
    .action(async (options: { svg?: string }) => {
      await run('kubedojo timeline', async () => (await import('./commands/timeline.js')).runTimelineCommand(options));
    });

  subcommand(program, 'board')
    .description("the instructor's live board of a workshop: every learner's lesson, step, time on it, failing check, stuck flag and raised hand")
    .option(...contextOption)
    .option(...allowRemoteOption)
    .option('--kubeconfig <file>', 'read this kubeconfig instead of KUBECONFIG / ~/.kube/config')
    .option('--once', 'print the room once and exit')
    .option('--json', 'with --once: print it as JSON, for scripts')
    .option('--sort <key>', 'name, progress, stuck or activity', 'name')
    .option('--filter <which>', 'all, stuck or hands', 'all')
    .option('--stuck-after <duration>', 'no progress for this long marks a learner stuck', goDuration, 300_000)
    .option('--stuck-failures <n>', 'this many failing commands in a row marks a learner stuck', positiveNumber, 3)
    .action(async (options: Record<string, unknown>) => {
      await run('kubedojo board', async () => (await import('./commands/board.js')).runBoardCommand(options));
    });

  const instructorOptions = (command: Command): Command =>
    command
      .option(...contextOption)
      .option(...allowRemoteOption)
      .option('--kubeconfig <file>', 'read this kubeconfig instead of KUBECONFIG / ~/.kube/config')
      .option('--workshop <name>', 'the workshop, when a cluster holds more than one', 'default');
  const workshop = subcommand(program, 'workshop').description('run a workshop on one shared cluster: a namespace and credentials per learner (see kubedojo board)');
  const workshopCommand = (name: string, description: string): Command => instructorOptions(oneLineErrors(workshop.command(name), `kubedojo workshop ${name}`)).description(description);
  workshopCommand('create', 'per learner: a namespace, a ServiceAccount, a Role with the verbs the course needs, a quota, a token with an expiry and a kubeconfig file; plus a printable sheet')
    .option('--learners <n>', 'how many learners (learner-01 …)', positiveNumber)
    .option('--names <file>', 'learner names, one per line')
    .option('--expires <duration>', 'how long the credentials work', goDuration, 12 * 3_600_000)
    .option('--out <dir>', 'where the kubeconfig files and the sheet go', 'kubedojo-workshop')
    .option('--server <url>', "the API address learners reach (default: your context's)")
    .option(...lessonsOption)
    .action(async (options: Record<string, unknown>) => {
      await run('kubedojo workshop create', async () => (await import('./commands/workshop.js')).runWorkshopCreate(options));
    });
  workshopCommand('status', "the workshop's learners: lesson, step, when their credentials expire")
    .option('-o, --output <format>', 'table or json', 'table')
    .action(async (options: Record<string, unknown>) => {
      await run('kubedojo workshop status', async () => (await import('./commands/workshop.js')).runWorkshopStatus(options));
    });
  workshopCommand('extend', 'new credentials for every learner (new kubeconfig files; the old ones expire as planned)')
    .option('--expires <duration>', 'how long the new credentials work', goDuration, 12 * 3_600_000)
    .option('--out <dir>', 'where the kubeconfig files and the sheet go', 'kubedojo-workshop')
    .option('--server <url>', "the API address learners reach (default: your context's)")
    .action(async (options: Record<string, unknown>) => {
      await run('kubedojo workshop extend', async () => (await import('./commands/workshop.js')).runWorkshopExtend(options));
    });
  workshopCommand('delete', 'remove everything workshop create made (selected by its labels), and nothing else')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(async (options: Record<string, unknown>) => {
      await run('kubedojo workshop delete', async () => (await import('./commands/workshop.js')).runWorkshopDelete(options));
    });
  workshopCommand('pace', "keep the lessons after LESSON locked in every learner's app until you open them")
    .option('--up-to <lesson>', 'the last open lesson (number or id)')
    .option('--open-all', 'open every lesson again')
    .option(...lessonsOption)
    .action(async (options: Record<string, unknown>) => {
      await run('kubedojo workshop pace', async () => (await import('./commands/workshop.js')).runWorkshopPace(options));
    });
  workshopCommand('prepull', "pull every image of the course onto every node (a DaemonSet that removes itself when done)")
    .option('--timeout <duration>', 'give up after this long', goDuration, 15 * 60_000)
    .option(...lessonsOption)
    .action(async (options: Record<string, unknown>) => {
      await run('kubedojo workshop prepull', async () => (await import('./commands/workshop.js')).runWorkshopPrepull(options));
    });

  subcommand(program, 'images')
    .description('list every container image the course uses (to pre-pull them before a workshop)')
    .option('-o, --output <format>', 'list or json', 'list')
    .option(...lessonsOption)
    .action(async (options: Record<string, unknown>) => {
      await run('kubedojo images', async () => (await import('./commands/workshop.js')).runImagesCommand(options));
    });

  subcommand(program, 'lint')
    .description('check lesson files and report problems as file:line: message')
    .argument('[dir]', 'the lessons folder', 'lessons')
    .action(async (dir: string) => {
      const { runLintCommand } = await import('./commands/lint.js');
      process.exitCode = await runLintCommand(dir);
    });

  return program;
}

await buildProgram().parseAsync(process.argv);
