const { makeXor } = await import("data");
const name = "mlp";
const mlp = await import(name);
makeXor().X.rows + Object.keys(mlp).length
