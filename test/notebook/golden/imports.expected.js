(async function ($scope, $import) { "use strict"; ;({ Matrix: $scope.Matrix, matmul: $scope.mm } = await $import("mlp"));
$scope.Plot = await $import("@observablehq/plot");

;({ makeMoons: $scope.makeMoons, makeXor: $scope.makeXor } = await $import("data"));



;({ default: $scope.data, makeBlobs: $scope.makeBlobs } = await $import("data"));
$scope.M = $scope.Matrix.zeros(2, 2);

})