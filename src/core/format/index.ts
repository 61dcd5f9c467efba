/**
 * Presentation shared by every host (CLI, renderer, exports): how a number is written. No Node or
 * DOM API here.
 */
export { formatNumber } from '../gap/messages';
