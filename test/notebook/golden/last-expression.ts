const a = [1, 2, 3];
a.map((v) => v * 2)
