// The selection filters live in @callmine/gong (the api's usage estimate applies them too).
export { matchesSelection, selectionRange } from '@callmine/gong';
