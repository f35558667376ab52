import { useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { LiveSnapshot } from '../../cluster/live.js';
import type { SimulationSource } from './source.js';

/** The latest snapshot the simulation emitted. */
export function useSnapshot(source: SimulationSource): LiveSnapshot | undefined {
  const [snapshot, setSnapshot] = useState<LiveSnapshot | undefined>(undefined);
  useEffect(() => source.subscribe(setSnapshot), [source]);
  return snapshot;
}

function measure(stdout: NodeJS.WriteStream, columns: number, rows: number): { columns: number; rows: number } {
  return { columns: stdout.columns || columns, rows: stdout.rows || rows };
}

/** The terminal's size, following resize events. */
export function useTerminalSize(fallback = { columns: 120, rows: 40 }): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const { columns, rows } = fallback;
  const [size, setSize] = useState(() => measure(stdout, columns, rows));
  useEffect(() => {
    const onResize = () => setSize(measure(stdout, columns, rows));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, columns, rows]);
  return size;
}

/** Frames drawn per second, counted over the last second. */
export function useFramesPerSecond(frameKey: unknown): number {
  const stamps = useRef<number[]>([]);
  const [fps, setFps] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per frame drawn, which frameKey stands for
  useEffect(() => {
    const now = performance.now();
    stamps.current.push(now);
    while (stamps.current.length > 0 && stamps.current[0]! < now - 1000) stamps.current.shift();
  }, [frameKey]);
  useEffect(() => {
    const timer = setInterval(() => {
      const now = performance.now();
      while (stamps.current.length > 0 && stamps.current[0]! < now - 1000) stamps.current.shift();
      setFps(stamps.current.length);
    }, 500);
    return () => clearInterval(timer);
  }, []);
  return fps;
}
