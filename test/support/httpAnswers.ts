/** Reading the API's answers in tests. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
export async function readJson(response: Response): Promise<any> {
  return response.json();
}

/** An RFC 9457 problem with this status and these fields; the problem itself, for more checks. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as readJson
export async function expectProblem(response: Response, status: number, match: Record<string, unknown>): Promise<any> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = await readJson(response);
  expect(problem).toMatchObject({ status, ...match });
  return problem;
}
