/** Tag colours dark enough for white text at AA contrast (Ant Design's preset light tags fall below 4.5:1). */
export const tagColour = {
  green: '#237804',
  gold: '#874d00',
  red: '#a8071a',
  magenta: '#780650',
  grey: '#434343',
} as const;
