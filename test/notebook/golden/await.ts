const value = await Promise.resolve(42);
for await (const chunk of stream()) chunks.push(chunk);
await new Promise<void>((resolve) => setTimeout(resolve, 1));
value;
