// jstat ships no type declarations; only the part cooplab uses is declared.
declare module 'jstat' {
  const jStat: {
    studentt: { inv(p: number, dof: number): number };
  };
  export default jStat;
}
