(async function ($scope, $import) { "use strict"; $scope.value = await Promise.resolve(42);
for await (const chunk of $scope.stream()) $scope.chunks.push(chunk);
await new Promise((resolve) => $scope.setTimeout(resolve, 1));
return ($scope.value);

})