// The todo page: renders the list, sends changes through the API and applies the server's events
// (GET /api/todos/events: todo.created, todo.updated, todo.deleted) so every open tab stays in
// sync. EventSource reconnects by itself (with Last-Event-ID) after a server restart; when it
// gives up (a 4xx/5xx answer closes it) the page retries and reloads the list.
import { listTodos, createTodo, updateTodo, deleteTodo } from './api.js';

const todos = new Map(); // id → todo, the page's copy of the server's state
let filter = 'all';

const form = document.getElementById('new-todo');
const input = document.getElementById('title');
const list = document.getElementById('todos');
const count = document.getElementById('count');
const errorBox = document.getElementById('error');
const live = document.getElementById('live');

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

function clearError() {
  errorBox.hidden = true;
  errorBox.textContent = '';
}

/** Stores a todo unless the page already holds a newer version of it. */
function upsert(todo) {
  const known = todos.get(todo.id);
  if (!known || (todo.version ?? 0) >= (known.version ?? 0)) todos.set(todo.id, todo);
}

function render() {
  const shown = [...todos.values()]
    .sort((a, b) => a.id - b.id)
    .filter((t) => filter === 'all' || (filter === 'active' ? !t.completed : t.completed));
  list.replaceChildren(...shown.map(item));
  const left = [...todos.values()].filter((t) => !t.completed).length;
  count.textContent = `${left} ${left === 1 ? 'item' : 'items'} left`;
}

function item(todo) {
  const li = document.createElement('li');
  li.className = todo.completed ? 'done' : '';
  li.dataset.id = todo.id;
  const label = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = todo.completed;
  box.addEventListener('change', () => act(() => updateTodo(todo, { completed: box.checked }), todo));
  const title = document.createElement('span');
  title.textContent = todo.title; // text, never HTML: titles come from anyone
  label.append(box, title);
  const del = document.createElement('button');
  del.type = 'button';
  del.className = 'delete';
  del.textContent = 'Delete';
  del.addEventListener('click', () => act(() => deleteTodo(todo), todo, true));
  li.append(label, del);
  return li;
}

/** Runs an API call; on success applies its result, on failure says why and re-syncs. */
async function act(request, todo, deleting = false) {
  clearError();
  try {
    const result = await request();
    if (deleting) todos.delete(todo.id);
    else if (result) upsert(result.data);
  } catch (e) {
    showError(e.message);
    if (e.status === 412 || e.status === 404) await reload();
  }
  render();
}

async function reload() {
  try {
    const { data } = await listTodos();
    todos.clear();
    data.items.forEach(upsert);
    render();
  } catch (e) {
    showError(e.message);
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const title = input.value;
  clearError();
  try {
    const { data } = await createTodo(title);
    upsert(data);
    if (input.value === title) input.value = ''; // keep what was typed meanwhile
    render();
  } catch (e) {
    showError(e.message); // 422: the field errors in words
  }
  input.focus();
});

document.querySelectorAll('input[name="filter"]').forEach((radio) =>
  radio.addEventListener('change', () => {
    filter = radio.value;
    render();
  }));

function connect() {
  const events = new EventSource('/api/todos/events');
  const onTodo = (event) => {
    upsert(JSON.parse(event.data));
    render();
  };
  events.addEventListener('todo.created', onTodo);
  events.addEventListener('todo.updated', onTodo);
  events.addEventListener('todo.deleted', (event) => {
    todos.delete(JSON.parse(event.data).id);
    render();
  });
  events.addEventListener('open', () => {
    live.dataset.state = 'open';
    live.textContent = 'Live';
    reload(); // catch up on anything missed while disconnected
  });
  events.addEventListener('error', () => {
    live.dataset.state = 'connecting';
    live.textContent = 'Reconnecting…';
    if (events.readyState === EventSource.CLOSED) setTimeout(connect, 2000); // the browser gave up: start over
  });
}

reload();
connect();
document.body.dataset.ready = 'true'; // handlers attached: tests wait for this before typing
