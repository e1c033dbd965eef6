// fake-indexeddb gives units a spec-compliant IndexedDB in happy-dom / node.
import 'fake-indexeddb/auto'
