import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Theme } from '../../../theme/theme.js';
import { Paint } from '../../shared/widgets.js';
import type { QrBlocks } from '../qr.js';

/** What the QR code takes on screen: the code, a caption and a blank above. */
export const qrRows = (qr: QrBlocks) => qr.lines.length + 2;
export const QR_CAPTION = 'scan to join';

/** The address for the QR code: the page with the room code after a # (the page fills it in; browsers do not send it). */
export function qrTarget(pageUrl: string, code: string): string {
  return `${pageUrl}#${code}`;
}

/**
 * The QR code of the web page's address. In colour it is painted black on white, right on any
 * terminal; without colour its light modules are drawn, so it reads on a light-on-dark terminal.
 */
export function JoinQr({ qr, theme }: { qr: QrBlocks; theme: Theme }): ReactNode {
  return (
    <Box flexShrink={0} flexDirection="column" marginTop={1} width={qr.width}>
      {qr.lines.map((line, index) => (
        <Paint key={index} theme={theme} color="#000000" backgroundColor="#ffffff">
          {line}
        </Paint>
      ))}
      <Text wrap="truncate">{QR_CAPTION}</Text>
    </Box>
  );
}
