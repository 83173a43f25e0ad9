/**
 * TEST HOOK — never active unless KEYDECK_TEST_CRASH_AFTER is set. The crash-matrix tests run the
 * built CLI with `KEYDECK_TEST_CRASH_AFTER=<step>` so the process dies by SIGKILL right after that
 * step, exactly as a power cut or a force-quit would, and then check what the reconciler makes of it.
 */
export function crashPoint(step: string, plan: string): void {
  const want = process.env.KEYDECK_TEST_CRASH_AFTER;
  if (!want) return;
  if (want === step || want === `${plan}:${step}`) process.kill(process.pid, 'SIGKILL');
}
