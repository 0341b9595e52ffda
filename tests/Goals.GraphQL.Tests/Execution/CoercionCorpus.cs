namespace Goals.GraphQL.Tests.Execution;

/// <summary>Generated with graphql-js 16.15.0 (executeSync over ExecutionTests.Sdl with an echo resolver that returns
/// inspect(args)); regenerate with the script in the commit message if the cases change.</summary>
internal static class CoercionCorpus
{
    public const string Json = """
[
 {
  "query": "{ echo(r: 1, i: 2147483647) }",
  "variables": null,
  "expected": {
   "data": {
    "echo": "{ i: 2147483647, d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "{ echo(r: 1, i: 2147483648) }",
  "variables": null,
  "expected": {
   "errors": [
    {
     "message": "Int cannot represent non 32-bit signed integer value: 2147483648",
     "locations": [
      {
       "line": 1,
       "column": 17
      }
     ]
    }
   ]
  }
 },
 {
  "query": "{ echo(r: 1, i: -2147483649) }",
  "variables": null,
  "expected": {
   "errors": [
    {
     "message": "Int cannot represent non 32-bit signed integer value: -2147483649",
     "locations": [
      {
       "line": 1,
       "column": 17
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: Int) { echo(r: 1, i: $v) }",
  "variables": {
   "v": 2147483648
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" got invalid value 2147483648; Int cannot represent non 32-bit signed integer value: 2147483648",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: Int) { echo(r: 1, i: $v) }",
  "variables": {
   "v": -2147483648
  },
  "expected": {
   "data": {
    "echo": "{ i: -2147483648, d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "query($v: Int) { echo(r: 1, i: $v) }",
  "variables": {
   "v": 1.5
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" got invalid value 1.5; Int cannot represent non-integer value: 1.5",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: Int) { echo(r: 1, i: $v) }",
  "variables": {
   "v": "1"
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" got invalid value \"1\"; Int cannot represent non-integer value: \"1\"",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: Int) { echo(r: 1, i: $v) }",
  "variables": {
   "v": 1.0
  },
  "expected": {
   "data": {
    "echo": "{ i: 1, d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "query($v: Float) { echo(r: 1, f: $v) }",
  "variables": {
   "v": 3
  },
  "expected": {
   "data": {
    "echo": "{ f: 3, d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "{ echo(r: 1, f: 3) }",
  "variables": null,
  "expected": {
   "data": {
    "echo": "{ f: 3, d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "{ echo(r: 1, f: \"3\") }",
  "variables": null,
  "expected": {
   "errors": [
    {
     "message": "Float cannot represent non numeric value: \"3\"",
     "locations": [
      {
       "line": 1,
       "column": 17
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: ID) { echo(r: 1, id: $v) }",
  "variables": {
   "v": 12
  },
  "expected": {
   "data": {
    "echo": "{ id: \"12\", d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "query($v: ID) { echo(r: 1, id: $v) }",
  "variables": {
   "v": 1.5
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" got invalid value 1.5; ID cannot represent value: 1.5",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "{ echo(r: 1, id: 12) }",
  "variables": null,
  "expected": {
   "data": {
    "echo": "{ id: \"12\", d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "{ echo(r: 1, e: \"RED\") }",
  "variables": null,
  "expected": {
   "errors": [
    {
     "message": "Enum \"Color\" cannot represent non-enum value: \"RED\". Did you mean the enum value \"RED\" or \"GREEN\"?",
     "locations": [
      {
       "line": 1,
       "column": 17
      }
     ]
    }
   ]
  }
 },
 {
  "query": "{ echo(r: 1, e: RED) }",
  "variables": null,
  "expected": {
   "data": {
    "echo": "{ e: \"RED\", d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "{ echo(r: 1, e: PURPLE) }",
  "variables": null,
  "expected": {
   "errors": [
    {
     "message": "Value \"PURPLE\" does not exist in \"Color\" enum.",
     "locations": [
      {
       "line": 1,
       "column": 17
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: Color) { echo(r: 1, e: $v) }",
  "variables": {
   "v": "RED"
  },
  "expected": {
   "data": {
    "echo": "{ e: \"RED\", d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "query($v: Color) { echo(r: 1, e: $v) }",
  "variables": {
   "v": "RDE"
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" got invalid value \"RDE\"; Value \"RDE\" does not exist in \"Color\" enum. Did you mean the enum value \"RED\"?",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: Color) { echo(r: 1, e: $v) }",
  "variables": {
   "v": 1
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" got invalid value 1; Enum \"Color\" cannot represent non-string value: 1.",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: Int!) { echo(r: $v) }",
  "variables": {
   "v": null
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" of non-null type \"Int!\" must not be null.",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: Int!) { echo(r: $v) }",
  "variables": {},
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" of required type \"Int!\" was not provided.",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: Int) { echo(r: 1, i: $v) }",
  "variables": {},
  "expected": {
   "data": {
    "echo": "{ d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "query($v: Int) { echo(r: 1, i: $v) }",
  "variables": {
   "v": null
  },
  "expected": {
   "data": {
    "echo": "{ i: null, d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "query($v: Int = 5) { echo(r: 1, i: $v) }",
  "variables": {},
  "expected": {
   "data": {
    "echo": "{ i: 5, d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "query($v: Int = 5) { echo(r: 1, i: $v) }",
  "variables": {
   "v": null
  },
  "expected": {
   "data": {
    "echo": "{ i: null, d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "query($v: Int) { echo(r: 1, d: $v) }",
  "variables": {},
  "expected": {
   "data": {
    "echo": "{ d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "query($v: Int) { echo(r: 1, d: $v) }",
  "variables": {
   "v": null
  },
  "expected": {
   "data": {
    "echo": "{ d: null, r: 1 }"
   }
  }
 },
 {
  "query": "{ echo(r: 1, d: null) }",
  "variables": null,
  "expected": {
   "data": {
    "echo": "{ d: null, r: 1 }"
   }
  }
 },
 {
  "query": "{ echo(r: 1, l: 1) }",
  "variables": null,
  "expected": {
   "data": {
    "echo": "{ l: [[Array]], d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "{ echo(r: 1, l: [1, [2, 3]]) }",
  "variables": null,
  "expected": {
   "data": {
    "echo": "{ l: [[Array], [Array]], d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "query($v: [[Int]]) { echo(r: 1, l: $v) }",
  "variables": {
   "v": 1
  },
  "expected": {
   "data": {
    "echo": "{ l: [[Array]], d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "query($v: [[Int]]) { echo(r: 1, l: $v) }",
  "variables": {
   "v": [
    1,
    [
     2
    ],
    null
   ]
  },
  "expected": {
   "data": {
    "echo": "{ l: [[Array], [Array], null], d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "query($v: [[Int]]) { echo(r: 1, l: $v) }",
  "variables": {
   "v": [
    [
     1,
     "x"
    ]
   ]
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" got invalid value \"x\" at \"v[0][1]\"; Int cannot represent non-integer value: \"x\"",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "{ echo(r: 1, inp: {x: 1}) }",
  "variables": null,
  "expected": {
   "data": {
    "echo": "{ inp: { x: 1, y: \"dy\" }, d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "{ echo(r: 1, inp: {x: 1, y: null, z: [RED, BLUE]}) }",
  "variables": null,
  "expected": {
   "data": {
    "echo": "{ inp: { x: 1, y: null, z: [Array] }, d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "{ echo(r: 1, inp: {x: 1, w: 2}) }",
  "variables": null,
  "expected": {
   "errors": [
    {
     "message": "Field \"w\" is not defined by type \"Inp\". Did you mean \"x\", \"y\", or \"z\"?",
     "locations": [
      {
       "line": 1,
       "column": 26
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: Inp) { echo(r: 1, inp: $v) }",
  "variables": {
   "v": {
    "x": 1,
    "w": 2
   }
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" got invalid value { x: 1, w: 2 }; Field \"w\" is not defined by type \"Inp\". Did you mean \"x\", \"y\", or \"z\"?",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: Inp) { echo(r: 1, inp: $v) }",
  "variables": {
   "v": {
    "y": "a"
   }
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" got invalid value { y: \"a\" }; Field \"x\" of required type \"Int!\" was not provided.",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: Inp) { echo(r: 1, inp: $v) }",
  "variables": {
   "v": {
    "x": 1,
    "z": "RED"
   }
  },
  "expected": {
   "data": {
    "echo": "{ inp: { x: 1, y: \"dy\", z: [Array] }, d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "query($v: Inp) { echo(r: 1, inp: $v) }",
  "variables": {
   "v": [
    1
   ]
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" got invalid value [1]; Expected type \"Inp\" to be an object.",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: Inp) { echo(r: 1, inp: $v) }",
  "variables": {
   "v": {
    "x": null
   }
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" got invalid value null at \"v.x\"; Expected non-nullable type \"Int!\" not to be null.",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "{ echo(r: 1, one: {a: 1}) }",
  "variables": null,
  "expected": {
   "data": {
    "echo": "{ one: { a: 1 }, d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "{ echo(r: 1, one: {a: 1, b: \"x\"}) }",
  "variables": null,
  "expected": {
   "errors": [
    {
     "message": "OneOf Input Object \"OneInp\" must specify exactly one key.",
     "locations": [
      {
       "line": 1,
       "column": 19
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: OneInp) { echo(r: 1, one: $v) }",
  "variables": {
   "v": {
    "a": 1
   }
  },
  "expected": {
   "data": {
    "echo": "{ one: { a: 1 }, d: 42, r: 1 }"
   }
  }
 },
 {
  "query": "query($v: OneInp) { echo(r: 1, one: $v) }",
  "variables": {
   "v": {
    "a": 1,
    "b": "x"
   }
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" got invalid value { a: 1, b: \"x\" }; Exactly one key must be specified for OneOf type \"OneInp\".",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: OneInp) { echo(r: 1, one: $v) }",
  "variables": {
   "v": {
    "a": null
   }
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" got invalid value null at \"v.a\"; Field \"a\" must be non-null.",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: OneInp) { echo(r: 1, one: $v) }",
  "variables": {
   "v": {}
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" got invalid value {}; Exactly one key must be specified for OneOf type \"OneInp\".",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: String) { echo(r: 1, s: $v) }",
  "variables": {
   "v": 1
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" got invalid value 1; String cannot represent a non string value: 1",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($v: Boolean) { echo(r: 1, b: $v) }",
  "variables": {
   "v": 0
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$v\" got invalid value 0; Boolean cannot represent a non boolean value: 0",
     "locations": [
      {
       "line": 1,
       "column": 7
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($i: Int) { echo(r: 1, inp: {x: $i}) }",
  "variables": {},
  "expected": {
   "errors": [
    {
     "message": "Variable \"$i\" of type \"Int\" used in position expecting type \"Int!\".",
     "locations": [
      {
       "line": 1,
       "column": 7
      },
      {
       "line": 1,
       "column": 38
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($i: Int) { echo(r: 1, inp: {x: 1, y: $i}) }",
  "variables": {},
  "expected": {
   "errors": [
    {
     "message": "Variable \"$i\" of type \"Int\" used in position expecting type \"String\".",
     "locations": [
      {
       "line": 1,
       "column": 7
      },
      {
       "line": 1,
       "column": 44
      }
     ]
    }
   ]
  }
 },
 {
  "query": "query($a: Int, $b: String) { echo(r: 1, l: [$a], one: {b: $b}) }",
  "variables": {
   "a": 3,
   "b": "q"
  },
  "expected": {
   "errors": [
    {
     "message": "Variable \"$a\" of type \"Int\" used in position expecting type \"[Int]\".",
     "locations": [
      {
       "line": 1,
       "column": 7
      },
      {
       "line": 1,
       "column": 45
      }
     ]
    },
    {
     "message": "Variable \"$b\" is of type \"String\" but must be non-nullable to be used for OneOf Input Object \"OneInp\".",
     "locations": [
      {
       "line": 1,
       "column": 16
      },
      {
       "line": 1,
       "column": 59
      }
     ]
    }
   ]
  }
 }
]
""";
}
