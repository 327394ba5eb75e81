(async function ($scope, $import) { "use strict"; ;({ makeXor: $scope.makeXor } = await $import("data"));
$scope.name = "mlp";
$scope.mlp = await $import($scope.name);
return ($scope.makeXor().X.rows + Object.keys($scope.mlp).length)

})