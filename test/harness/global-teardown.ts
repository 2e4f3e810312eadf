export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as { __testServiceStops?: (() => Promise<void>)[] }).__testServiceStops ?? [];
  for (const stop of stops.splice(0)) await stop();
}
