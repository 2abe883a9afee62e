import { describe, expect, it } from 'vitest';
import { parseCommandLine, SHELL_SYNTAX_MESSAGE } from '../../../src/engine/commands/parse-command-line.js';

function argvOf(text: string): string[] {
  const parsed = parseCommandLine(text);
  if (!parsed.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${parsed.message}`);
  return parsed.argv;
}

function problemOf(text: string): { problem: string; message: string } {
  const parsed = parseCommandLine(text);
  if (parsed.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused, got ${JSON.stringify(parsed.argv)}`);
  return parsed;
}

describe('parseCommandLine', () => {
  it('splits words on any run of blanks', () => {
    expect(argvOf('  kubectl   get\tpods  ')).toEqual(['kubectl', 'get', 'pods']);
  });

  it('keeps quoted text together and drops the quotes', () => {
    expect(argvOf(`kubectl annotate deploy web note='hello world' "x=a b"`)).toEqual([
      'kubectl', 'annotate', 'deploy', 'web', 'note=hello world', 'x=a b',
    ]);
  });

  it('keeps empty quoted arguments', () => {
    expect(argvOf(`kubectl get pods -l ''`)).toEqual(['kubectl', 'get', 'pods', '-l', '']);
    expect(argvOf(`a "" b`)).toEqual(['a', '', 'b']);
  });

  it('treats everything inside single quotes literally, backslashes included', () => {
    expect(argvOf(String.raw`echo 'a\b "c" $X'`)).toEqual(['echo', String.raw`a\b "c" $X`]);
  });

  it('applies POSIX backslash rules inside double quotes', () => {
    expect(argvOf(String.raw`echo "a\"b" "c\\d" "e\$f" "g\h"`)).toEqual(['echo', 'a"b', String.raw`c\d`, 'e$f', String.raw`g\h`]);
  });

  it('lets a backslash escape any character outside quotes', () => {
    expect(argvOf(String.raw`echo a\ b \; \| \$HOME`)).toEqual(['echo', 'a b', ';', '|', '$HOME']);
  });

  it('joins backslash-newline continuations, as in a copied multi-line command', () => {
    expect(argvOf('kubectl create deployment web \\\n  --image=nginx:1.25')).toEqual([
      'kubectl', 'create', 'deployment', 'web', '--image=nginx:1.25',
    ]);
  });

  it('never expands variables, globs, tildes or braces', () => {
    expect(argvOf('kubectl get pods $POD ${NS} * ?.yaml [ab] ~/x {a,b}')).toEqual([
      'kubectl', 'get', 'pods', '$POD', '${NS}', '*', '?.yaml', '[ab]', '~/x', '{a,b}',
    ]);
  });

  it('passes jsonpath and label selector syntax through untouched', () => {
    expect(argvOf(`kubectl get pods -o jsonpath='{.items[*].metadata.name}' -l 'app in (web,api)'`)).toEqual([
      'kubectl', 'get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}', '-l', 'app in (web,api)',
    ]);
  });

  it('keeps command substitution literal when it is quoted', () => {
    expect(argvOf(`echo '$(date)' "$(date)" "\`date\`"`)).toEqual(['echo', '$(date)', '$(date)', '`date`']);
  });

  it('ignores a comment that starts a word, but not a # inside a word', () => {
    expect(argvOf('kubectl get pods # list them')).toEqual(['kubectl', 'get', 'pods']);
    expect(argvOf('echo a#b')).toEqual(['echo', 'a#b']);
  });

  it.each([
    ['kubectl get pods | grep web', '`|`'],
    ['kubectl get pods; rm -rf /', '`;`'],
    ['kubectl apply -f x && echo ok', '`&&`'],
    ['kubectl get pods || true', '`||`'],
    ['kubectl get pods > out.txt', '`>`'],
    ['kubectl get pods >> out.txt', '`>>`'],
    ['kubectl apply -f - < deploy.yaml', '`<`'],
    ['kubectl get pods &', '`&`'],
    ['kubectl get pods 2>&1', '`>&`'],
    ['kubectl delete pod $(kubectl get pods -o name)', 'command substitution'],
    ['kubectl delete pod `kubectl get pods -o name`', 'command substitution'],
    ['(kubectl get pods)', '`(`'],
    ['kubectl get pods\nkubectl get svc', 'line break'],
  ])('refuses shell syntax: %s', (text, mentioned) => {
    const { problem, message } = problemOf(text);
    expect(problem).toBe('shell-syntax');
    expect(message).toContain(SHELL_SYNTAX_MESSAGE);
    expect(message).toContain(mentioned);
  });

  it('accepts a trailing newline', () => {
    expect(argvOf('kubectl get pods\n\n')).toEqual(['kubectl', 'get', 'pods']);
  });

  it('says which quote is never closed', () => {
    expect(problemOf(`kubectl annotate deploy web note='hello`)).toMatchObject({
      problem: 'unterminated-quote',
      message: expect.stringContaining("single quote (')"),
    });
    expect(problemOf(`kubectl get "pods`)).toMatchObject({
      problem: 'unterminated-quote',
      message: expect.stringContaining('double quote (")'),
    });
    // An escaped quote does not close the string.
    expect(problemOf(String.raw`echo "abc\"`).problem).toBe('unterminated-quote');
  });

  it('refuses a lone trailing backslash', () => {
    expect(problemOf('kubectl get pods \\').problem).toBe('trailing-backslash');
  });

  it('refuses an empty line', () => {
    expect(problemOf('   ').problem).toBe('empty');
    expect(problemOf('# only a comment').problem).toBe('empty');
  });
});
