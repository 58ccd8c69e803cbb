// Module declarations for asset imports vite handles (`?url`) that TypeScript doesn't know.
/// <reference types="vite/client" />
declare module '*.geojson?url' {
  const url: string;
  export default url;
}
