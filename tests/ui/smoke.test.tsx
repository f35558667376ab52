import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { expect, it } from 'vitest';

it('renders with ink-testing-library', () => {
  const { lastFrame } = render(<Text>hello</Text>);
  expect(lastFrame()).toBe('hello');
});
