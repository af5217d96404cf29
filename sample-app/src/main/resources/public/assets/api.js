// The todo API as used by the page: every call returns the parsed JSON (or null for 204) and
// throws an ApiError whose message is the server's problem detail, so the page can show it.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body, headers = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check your connection and try again.');
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, describe(response.status, data));
  return { data, etag: response.headers.get('ETag') };
}

/** Words for an error: the problem's detail and field errors, with a hint for 412. */
function describe(status, problem) {
  if (status === 412) return 'Someone else changed this todo first; the list now shows their version. Try again.';
  const detail = problem?.detail || problem?.title || `The server answered ${status}.`;
  // RFC 9457 errors as Wisp writes them: {"pointer": "#/title", "detail": "must not be blank"}
  const fields = (problem?.errors || []).map((e) =>
    `${e.pointer ? e.pointer.replace(/^#\//, '') : (e.parameter ?? e.header ?? '')} ${e.detail ?? ''}`.trim());
  return fields.length ? `${detail}: ${fields.join('; ')}` : detail;
}

export const listTodos = () => call('GET', '/api/todos?limit=100');
export const createTodo = (title) => call('POST', '/api/todos', { title });
export const updateTodo = (todo, changes) =>
  call('PATCH', `/api/todos/${todo.id}`, changes, todo.version ? { 'If-Match': `"${todo.version}"` } : {});
export const deleteTodo = (todo) => call('DELETE', `/api/todos/${todo.id}`);
