/// <reference lib="webworker" />
// placeholder: replaced by the full worker (step 4)
export {};
const files: string[] = "__PRECACHE_FILES__" as unknown as string[];
const version = '__PRECACHE_VERSION__';
void files;
void version;
