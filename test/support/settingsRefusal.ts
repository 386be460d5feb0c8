/**
 * The message a settings parser refuses `env` with, checked to leave `secret` out whatever it says: a refusal that
 * quotes a password or an API key would put it in the logs of every failed start. Fails the test when the settings
 * are accepted.
 */
export function settingsRefusal<Env>(parse: (env: Env) => unknown, env: Env, secret: string): string {
  try {
    parse(env);
  } catch (error) {
    const message = (error as Error).message;
    expect(message).not.toContain(secret);
    return message;
  }
  throw new Error('the settings were accepted');
}
