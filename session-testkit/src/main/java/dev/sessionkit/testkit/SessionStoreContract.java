package dev.sessionkit.testkit;

import org.junit.jupiter.api.Nested;

/**
 * The contract every {@link dev.sessionkit.spi.SessionStore} passes, through the real {@code SessionService}. A store's
 * test is a short leaf that extends this class and says how to make (and, if needed, release) an empty
 * store on a given clock; each topic below runs as a nested group, named {@code <Topic>Tests} so that
 * no group shadows an API type ({@code Session}, {@code Pagination}) inside a store's own test.
 *
 * <pre>{@code
 * class MyStoreContractTest extends SessionStoreContract {
 *   public SessionStore newStore(Clock clock) { return new MyStore(clock); }
 * }
 * }</pre>
 */
public abstract class SessionStoreContract implements StoreFactory {

  @Nested
  class IssueTests extends IssueContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class ValidationTests extends ValidationContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class ExpiryTests extends ExpiryContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class TouchTests extends TouchContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class RotationTests extends RotationContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class OwnershipTests extends OwnershipContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class PaginationTests extends PaginationContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class RevocationTests extends RevocationContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class BulkRevocationTests extends BulkRevocationContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class CapTests extends CapContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class AttributesTests extends AttributesContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class EventsTests extends EventsContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class BadInputTests extends BadInputContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class SubjectIdentityTests extends SubjectIdentityContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class SecretsAtRestTests extends SecretsAtRestContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class InjectionTests extends InjectionContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class PurgeTests extends PurgeContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class LifecycleTests extends LifecycleContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class ConcurrencyTests extends ConcurrencyContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }
}
