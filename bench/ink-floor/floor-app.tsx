/** The screen of the Ink floor (see entry.ts): the same three words bench/app.ts waits for. */
import { Box, render, Text } from 'ink';

render(
  <Box flexDirection="column" borderStyle="round">
    <Text bold>kubedojo</Text>
    <Text>Your cluster</Text>
    <Text>Debug and delete</Text>
  </Box>,
  { exitOnCtrlC: false, alternateScreen: true, interactive: true },
);
