package dev.wisp.sample;

/** The store contract on the in-memory store. */
class InMemoryTodoStoreTest extends TodoStoreContract {
    @Override
    protected TodoStore newStore(int retainedEvents) {
        return new InMemoryTodoStore(retainedEvents);
    }
}
