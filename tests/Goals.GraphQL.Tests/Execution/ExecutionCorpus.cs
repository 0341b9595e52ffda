namespace Goals.GraphQL.Tests.Execution;

/// <summary>Generated with graphql-js 16.15.0 executeSync (default field resolver reading the data object, throwing for
/// {"$error": msg}; resolveType from __typename): null propagation, error paths/locations/order, abstract types, leaves.</summary>
internal static class ExecutionCorpus
{
    public const string Json = """
{
 "sdl": "\ntype Query { a: A an: A! list: [A] listNN: [A!] nnList: [A]! nnListNN: [A!]! s: String sn: String! u: [U] i: I is: [I] nested: [[A!]] e: E es: [E] bad: [E] n: Int f: Float }\ninterface I { id: ID }\ntype A implements I { id: ID idn: ID! x: String xn: String! a: A an: A! list: [A!] n: Int }\ntype B implements I { id: ID y: Int! }\nunion U = A | B\nenum E { X Y }\n",
 "data": {
  "a": {
   "__typename": "A",
   "id": 1,
   "idn": "i1",
   "x": "x",
   "xn": "xn",
   "n": 1,
   "a": {
    "__typename": "A",
    "id": 2,
    "idn": "i2",
    "x": "x2",
    "xn": null,
    "n": 2
   },
   "an": {
    "__typename": "A",
    "id": 2,
    "idn": "i2",
    "x": "x2",
    "xn": null,
    "n": 2
   },
   "list": [
    {
     "__typename": "A",
     "id": 1,
     "idn": "i1",
     "x": "x",
     "xn": "xn",
     "n": 1
    },
    {
     "__typename": "A",
     "id": 2,
     "idn": "i2",
     "x": "x2",
     "xn": null,
     "n": 2
    },
    {
     "__typename": "A",
     "id": 1,
     "idn": "i1",
     "x": "x",
     "xn": "xn",
     "n": 1
    }
   ]
  },
  "an": {
   "__typename": "A",
   "id": 2,
   "idn": "i2",
   "x": "x2",
   "xn": null,
   "n": 2,
   "a": {
    "__typename": "A",
    "id": 1,
    "idn": "i1",
    "x": "x",
    "xn": "xn",
    "n": 1
   }
  },
  "list": [
   {
    "__typename": "A",
    "id": 1,
    "idn": "i1",
    "x": "x",
    "xn": "xn",
    "n": 1
   },
   null,
   {
    "__typename": "A",
    "id": 2,
    "idn": "i2",
    "x": "x2",
    "xn": null,
    "n": 2
   },
   {
    "__typename": "A",
    "id": 1,
    "idn": "i1",
    "x": "x",
    "xn": {
     "$error": "boom xn"
    },
    "n": 1
   }
  ],
  "listNN": [
   {
    "__typename": "A",
    "id": 1,
    "idn": "i1",
    "x": "x",
    "xn": "xn",
    "n": 1
   },
   null,
   {
    "__typename": "A",
    "id": 1,
    "idn": "i1",
    "x": "x",
    "xn": "xn",
    "n": 1
   }
  ],
  "nnList": [
   {
    "__typename": "A",
    "id": 1,
    "idn": "i1",
    "x": "x",
    "xn": "xn",
    "n": 1
   },
   null,
   {
    "__typename": "A",
    "id": 1,
    "idn": null,
    "x": "x",
    "xn": "xn",
    "n": 1
   }
  ],
  "nnListNN": [
   {
    "__typename": "A",
    "id": 1,
    "idn": "i1",
    "x": "x",
    "xn": "xn",
    "n": 1
   },
   {
    "__typename": "A",
    "id": 1,
    "idn": "i1",
    "x": "x",
    "xn": "xn",
    "n": 1,
    "an": null
   }
  ],
  "s": {
   "$error": "s failed"
  },
  "sn": {
   "$error": "sn failed"
  },
  "u": [
   {
    "__typename": "A",
    "id": 1,
    "idn": "i1",
    "x": "x",
    "xn": "xn",
    "n": 1
   },
   {
    "__typename": "B",
    "id": 5,
    "y": 3
   },
   {
    "__typename": "B",
    "id": 6,
    "y": null
   },
   {
    "__typename": "C"
   }
  ],
  "i": {
   "__typename": "B",
   "id": 7,
   "y": 1
  },
  "is": [
   {
    "__typename": "A",
    "id": 1,
    "idn": "i1",
    "x": "x",
    "xn": "xn",
    "n": 1
   },
   {
    "__typename": "B",
    "id": 8,
    "y": 2
   }
  ],
  "nested": [
   [
    {
     "__typename": "A",
     "id": 1,
     "idn": "i1",
     "x": "x",
     "xn": "xn",
     "n": 1
    },
    {
     "__typename": "A",
     "id": 1,
     "idn": "i1",
     "x": "x",
     "xn": "xn",
     "n": 1
    }
   ],
   [
    {
     "__typename": "A",
     "id": 1,
     "idn": "i1",
     "x": "x",
     "xn": "xn",
     "n": 1
    },
    null
   ],
   null,
   [
    {
     "__typename": "A",
     "id": 2,
     "idn": "i2",
     "x": "x2",
     "xn": null,
     "n": 2
    }
   ]
  ],
  "e": "X",
  "es": [
   "X",
   "Y"
  ],
  "bad": [
   "X",
   "Z"
  ],
  "n": 2147483648,
  "f": "abc"
 },
 "cases": [
  {
   "query": "{ a { id x a { x } } }",
   "expected": {
    "data": {
     "a": {
      "id": "1",
      "x": "x",
      "a": {
       "x": "x2"
      }
     }
    }
   }
  },
  {
   "query": "{ a { a { xn } x } }",
   "expected": {
    "errors": [
     {
      "message": "Cannot return null for non-nullable field A.xn.",
      "locations": [
       {
        "line": 1,
        "column": 11
       }
      ],
      "path": [
       "a",
       "a",
       "xn"
      ]
     }
    ],
    "data": {
     "a": {
      "a": null,
      "x": "x"
     }
    }
   }
  },
  {
   "query": "{ a { x a { x xn } an { xn } } s }",
   "expected": {
    "errors": [
     {
      "message": "Cannot return null for non-nullable field A.xn.",
      "locations": [
       {
        "line": 1,
        "column": 15
       }
      ],
      "path": [
       "a",
       "a",
       "xn"
      ]
     },
     {
      "message": "Cannot return null for non-nullable field A.xn.",
      "locations": [
       {
        "line": 1,
        "column": 25
       }
      ],
      "path": [
       "a",
       "an",
       "xn"
      ]
     },
     {
      "message": "s failed",
      "locations": [
       {
        "line": 1,
        "column": 32
       }
      ],
      "path": [
       "s"
      ]
     }
    ],
    "data": {
     "a": null,
     "s": null
    }
   }
  },
  {
   "query": "{ an { a { xn } } }",
   "expected": {
    "data": {
     "an": {
      "a": {
       "xn": "xn"
      }
     }
    }
   }
  },
  {
   "query": "{ s an { xn } }",
   "expected": {
    "errors": [
     {
      "message": "s failed",
      "locations": [
       {
        "line": 1,
        "column": 3
       }
      ],
      "path": [
       "s"
      ]
     },
     {
      "message": "Cannot return null for non-nullable field A.xn.",
      "locations": [
       {
        "line": 1,
        "column": 10
       }
      ],
      "path": [
       "an",
       "xn"
      ]
     }
    ],
    "data": null
   }
  },
  {
   "query": "{ list { id xn } }",
   "expected": {
    "errors": [
     {
      "message": "Cannot return null for non-nullable field A.xn.",
      "locations": [
       {
        "line": 1,
        "column": 13
       }
      ],
      "path": [
       "list",
       2,
       "xn"
      ]
     },
     {
      "message": "boom xn",
      "locations": [
       {
        "line": 1,
        "column": 13
       }
      ],
      "path": [
       "list",
       3,
       "xn"
      ]
     }
    ],
    "data": {
     "list": [
      {
       "id": "1",
       "xn": "xn"
      },
      null,
      null,
      null
     ]
    }
   }
  },
  {
   "query": "{ list { id } listNN { id } }",
   "expected": {
    "errors": [
     {
      "message": "Cannot return null for non-nullable field Query.listNN.",
      "locations": [
       {
        "line": 1,
        "column": 15
       }
      ],
      "path": [
       "listNN",
       1
      ]
     }
    ],
    "data": {
     "list": [
      {
       "id": "1"
      },
      null,
      {
       "id": "2"
      },
      {
       "id": "1"
      }
     ],
     "listNN": null
    }
   }
  },
  {
   "query": "{ nnList { idn } }",
   "expected": {
    "errors": [
     {
      "message": "Cannot return null for non-nullable field A.idn.",
      "locations": [
       {
        "line": 1,
        "column": 12
       }
      ],
      "path": [
       "nnList",
       2,
       "idn"
      ]
     }
    ],
    "data": {
     "nnList": [
      {
       "idn": "i1"
      },
      null,
      null
     ]
    }
   }
  },
  {
   "query": "{ nnListNN { an { id } } s }",
   "expected": {
    "errors": [
     {
      "message": "Cannot return null for non-nullable field A.an.",
      "locations": [
       {
        "line": 1,
        "column": 14
       }
      ],
      "path": [
       "nnListNN",
       0,
       "an"
      ]
     }
    ],
    "data": null
   }
  },
  {
   "query": "{ s sn }",
   "expected": {
    "errors": [
     {
      "message": "s failed",
      "locations": [
       {
        "line": 1,
        "column": 3
       }
      ],
      "path": [
       "s"
      ]
     },
     {
      "message": "sn failed",
      "locations": [
       {
        "line": 1,
        "column": 5
       }
      ],
      "path": [
       "sn"
      ]
     }
    ],
    "data": null
   }
  },
  {
   "query": "{ sn s }",
   "expected": {
    "errors": [
     {
      "message": "sn failed",
      "locations": [
       {
        "line": 1,
        "column": 3
       }
      ],
      "path": [
       "sn"
      ]
     }
    ],
    "data": null
   }
  },
  {
   "query": "{ u { __typename ... on A { id } ... on B { y } } }",
   "expected": {
    "errors": [
     {
      "message": "Cannot return null for non-nullable field B.y.",
      "locations": [
       {
        "line": 1,
        "column": 45
       }
      ],
      "path": [
       "u",
       2,
       "y"
      ]
     },
     {
      "message": "Abstract type \"U\" was resolved to a type \"C\" that does not exist inside the schema.",
      "locations": [
       {
        "line": 1,
        "column": 3
       }
      ],
      "path": [
       "u",
       3
      ]
     }
    ],
    "data": {
     "u": [
      {
       "__typename": "A",
       "id": "1"
      },
      {
       "__typename": "B",
       "y": 3
      },
      null,
      null
     ]
    }
   }
  },
  {
   "query": "{ i { __typename id ... on B { y } } is { id __typename } }",
   "expected": {
    "data": {
     "i": {
      "__typename": "B",
      "id": "7",
      "y": 1
     },
     "is": [
      {
       "id": "1",
       "__typename": "A"
      },
      {
       "id": "8",
       "__typename": "B"
      }
     ]
    }
   }
  },
  {
   "query": "{ nested { x } }",
   "expected": {
    "errors": [
     {
      "message": "Cannot return null for non-nullable field Query.nested.",
      "locations": [
       {
        "line": 1,
        "column": 3
       }
      ],
      "path": [
       "nested",
       1,
       1
      ]
     }
    ],
    "data": {
     "nested": [
      [
       {
        "x": "x"
       },
       {
        "x": "x"
       }
      ],
      null,
      null,
      [
       {
        "x": "x2"
       }
      ]
     ]
    }
   }
  },
  {
   "query": "{ nested { xn } }",
   "expected": {
    "errors": [
     {
      "message": "Cannot return null for non-nullable field Query.nested.",
      "locations": [
       {
        "line": 1,
        "column": 3
       }
      ],
      "path": [
       "nested",
       1,
       1
      ]
     },
     {
      "message": "Cannot return null for non-nullable field A.xn.",
      "locations": [
       {
        "line": 1,
        "column": 12
       }
      ],
      "path": [
       "nested",
       3,
       0,
       "xn"
      ]
     }
    ],
    "data": {
     "nested": [
      [
       {
        "xn": "xn"
       },
       {
        "xn": "xn"
       }
      ],
      null,
      null,
      null
     ]
    }
   }
  },
  {
   "query": "{ e es bad }",
   "expected": {
    "errors": [
     {
      "message": "Enum \"E\" cannot represent value: \"Z\"",
      "locations": [
       {
        "line": 1,
        "column": 8
       }
      ],
      "path": [
       "bad",
       1
      ]
     }
    ],
    "data": {
     "e": "X",
     "es": [
      "X",
      "Y"
     ],
     "bad": [
      "X",
      null
     ]
    }
   }
  },
  {
   "query": "{ n f }",
   "expected": {
    "errors": [
     {
      "message": "Int cannot represent non 32-bit signed integer value: 2147483648",
      "locations": [
       {
        "line": 1,
        "column": 3
       }
      ],
      "path": [
       "n"
      ]
     },
     {
      "message": "Float cannot represent non numeric value: \"abc\"",
      "locations": [
       {
        "line": 1,
        "column": 5
       }
      ],
      "path": [
       "f"
      ]
     }
    ],
    "data": {
     "n": null,
     "f": null
    }
   }
  },
  {
   "query": "{ a { list { xn } id } }",
   "expected": {
    "errors": [
     {
      "message": "Cannot return null for non-nullable field A.xn.",
      "locations": [
       {
        "line": 1,
        "column": 14
       }
      ],
      "path": [
       "a",
       "list",
       1,
       "xn"
      ]
     }
    ],
    "data": {
     "a": {
      "list": null,
      "id": "1"
     }
    }
   }
  },
  {
   "query": "{ x1: a { ...F } x2: a { ...F n } } fragment F on A { id a { x } }",
   "expected": {
    "data": {
     "x1": {
      "id": "1",
      "a": {
       "x": "x2"
      }
     },
     "x2": {
      "id": "1",
      "a": {
       "x": "x2"
      },
      "n": 1
     }
    }
   }
  },
  {
   "query": "{ a { id } a { x } a { ... on A { n } } }",
   "expected": {
    "data": {
     "a": {
      "id": "1",
      "x": "x",
      "n": 1
     }
    }
   }
  },
  {
   "query": "{ list { ... on I { id } ... on A { x } } }",
   "expected": {
    "data": {
     "list": [
      {
       "id": "1",
       "x": "x"
      },
      null,
      {
       "id": "2",
       "x": "x2"
      },
      {
       "id": "1",
       "x": "x"
      }
     ]
    }
   }
  },
  {
   "query": "{ first: s second: a { x } third: sn }",
   "expected": {
    "errors": [
     {
      "message": "s failed",
      "locations": [
       {
        "line": 1,
        "column": 3
       }
      ],
      "path": [
       "first"
      ]
     },
     {
      "message": "sn failed",
      "locations": [
       {
        "line": 1,
        "column": 28
       }
      ],
      "path": [
       "third"
      ]
     }
    ],
    "data": null
   }
  }
 ]
}
""";
}
