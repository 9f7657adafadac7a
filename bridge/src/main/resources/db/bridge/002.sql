-- End-to-end encryption state of the bot's device, one value per (kind, key). Values of secret
-- kinds (the Olm account, Olm and Megolm sessions, cross-signing keys) are AES-256-GCM ciphertext
-- under the store key; the others are JSON of public data.
CREATE TABLE crypto_item (
    kind     VARCHAR(32) NOT NULL,
    item_key VARCHAR(512) NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (kind, item_key)
);
