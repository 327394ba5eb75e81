(async function ($scope, $import) { "use strict"; $scope.a = undefined;
(function () {})()
;([$scope.b] = [1]);
;({ c: $scope.c } = { c: 2 });
$scope.D = class D {};
return ([$scope.a, $scope.b].length)

})