// Placeholder: this package is filled by a later issue and exports nothing yet.
export {};
