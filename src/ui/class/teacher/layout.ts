/** From this width the panels sit beside the class instead of below it. */
export const SIDE_WIDE = 46;
export const SIDE_NARROW = 32;
