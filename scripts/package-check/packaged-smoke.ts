export async function runPackagedSmoke(_o: { repoRoot: string; extractedApp: string; unpackedDir: string; workDir: string }): Promise<string[]> {
  return [];
}
