// The gallery and viewer load the caller's renders in the browser (the owner cookie rides on its requests).
export const ssr = false;
