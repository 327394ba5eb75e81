(async function ($scope, $import) { "use strict"; $scope.a = [1, 2, 3];
return ($scope.a.map((v) => v * 2))

})