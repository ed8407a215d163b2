// `telets/session`: session values, storages, string sessions and Telethon/GramJS import.
export * from '@telets/session-memory';
export * from '@telets/session-sqlite';
