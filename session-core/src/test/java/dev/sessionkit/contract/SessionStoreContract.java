package dev.sessionkit.contract;

import org.junit.jupiter.api.Nested;

/**
 * The contract every {@link dev.sessionkit.spi.SessionStore} passes, through the real {@code SessionService}. A store's
 * test is a short leaf that extends this class and says how to make (and, if needed, release) an empty
 * store on a given clock; each topic below runs as a nested group.
 *
 * <pre>{@code
 * class MyStoreContractTest extends SessionStoreContract {
 *   public SessionStore newStore(Clock clock) { return new MyStore(clock); }
 * }
 * }</pre>
 */
public abstract class SessionStoreContract implements StoreFactory {

  @Nested
  class Issue extends IssueContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class Validation extends ValidationContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class Expiry extends ExpiryContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class Touch extends TouchContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class Rotation extends RotationContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class Ownership extends OwnershipContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class Pagination extends PaginationContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class Revocation extends RevocationContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class BulkRevocation extends BulkRevocationContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class Cap extends CapContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class Attributes extends AttributesContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class Events extends EventsContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class BadInput extends BadInputContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class SubjectIdentity extends SubjectIdentityContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class SecretsAtRest extends SecretsAtRestContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class Injection extends InjectionContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class Purge extends PurgeContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }

  @Nested
  class Concurrency extends ConcurrencyContract {
    @Override protected StoreFactory stores() { return SessionStoreContract.this; }
  }
}
