// Minimal typing for the parts of jstat 1.9.6 that src/core/metrics uses (the package ships no types).
declare module 'jstat' {
  interface JStatNormal {
    cdf(x: number, mean: number, sd: number): number;
    inv(p: number, mean: number, sd: number): number;
  }
  interface JStatStudentT {
    cdf(x: number, dof: number): number;
    inv(p: number, dof: number): number;
  }
  interface JStatStatic {
    normal: JStatNormal;
    studentt: JStatStudentT;
  }
  const jStat: JStatStatic;
  export default jStat;
}
